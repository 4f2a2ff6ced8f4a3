using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildProtection.Web.Features.Accounts.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddStaffUnit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "UnitId",
                table: "staffUser",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "UnitId",
                table: "staffUser");
        }
    }
}
