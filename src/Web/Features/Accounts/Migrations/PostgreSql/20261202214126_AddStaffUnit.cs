using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildProtection.Web.Features.Accounts.Migrations.PostgreSql
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
                type: "integer",
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
