using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildProtection.Training.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class QuestionTextFormat : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Every question stored before formats existed was plain text, and is shown as it was.
            migrationBuilder.AddColumn<string>(
                name: "TextFormat",
                table: "bankQuestion",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "Plain");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "TextFormat",
                table: "bankQuestion");
        }
    }
}
